import { expect } from 'chai';
import { dependantsOf, orderByDependencies } from '../core/plugins/loader.js';
import { validateManifest, type PluginManifest } from '../core/plugins/manifest.js';

const plugin = (name: string, dependsOn: string[] = []): PluginManifest =>
  ({ name, version: '1.0.0', label: name, description: `The ${name} plugin.`, dependsOn });

describe('plugin manifests and dependency order', () => {
  it('accepts a complete manifest', () => {
    expect(validateManifest(plugin('file-downloads', ['catalogue']), 'file-downloads').name).to.equal('file-downloads');
  });

  it('names the plugin and the field that is wrong', () => {
    expect(() => validateManifest({ ...plugin('x'), version: 'one' }, 'x')).to.throw('Plugin "x": version must be a semantic version such as 1.0.0');
    expect(() => validateManifest({ ...plugin('x'), label: '' }, 'x')).to.throw('Plugin "x": label must not be empty');
    expect(() => validateManifest({ ...plugin('Bad_Name') }, 'Bad_Name')).to.throw('Plugin "Bad_Name": name must be lower-case letters, digits and hyphens');
    expect(() => validateManifest({ ...plugin('x'), routs: () => undefined }, 'x')).to.throw('Plugin "x"');
    expect(() => validateManifest({ ...plugin('x'), permissions: { 'do things': 'superuser' } }, 'x')).to.throw('permissions.do things');
  });

  it('refuses a manifest whose name is not its folder\'s', () => {
    expect(() => validateManifest(plugin('catalogue'), 'catalog')).to.throw('name "catalogue" must match its folder name');
  });

  it('orders plugins after what they depend on', () => {
    const ordered = orderByDependencies([
      plugin('file-downloads', ['commerce-free-checkout', 'catalogue']),
      plugin('commerce-free-checkout', ['catalogue', 'membership']),
      plugin('catalogue', ['membership']),
      plugin('membership'),
    ]).map((m) => m.name);
    expect(ordered).to.deep.equal(['membership', 'catalogue', 'commerce-free-checkout', 'file-downloads']);
  });

  it('refuses a missing dependency, naming both plugins', () => {
    expect(() => orderByDependencies([plugin('catalogue', ['membership'])]))
      .to.throw('Plugin "catalogue" depends on "membership", which is not installed');
  });

  it('refuses a cycle, naming its plugins in order', () => {
    expect(() => orderByDependencies([plugin('a', ['b']), plugin('b', ['c']), plugin('c', ['a'])]))
      .to.throw('Plugins depend on each other in a cycle: a → b → c → a');
  });

  it('finds dependants through other plugins', () => {
    const all = [plugin('membership'), plugin('catalogue', ['membership']), plugin('checkout', ['catalogue']), plugin('pages')];
    expect(dependantsOf('membership', all)).to.deep.equal(['catalogue', 'checkout']);
  });
});
