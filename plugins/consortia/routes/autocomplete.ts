import type { Router } from 'express';

const MIN_TERM = 2;
const MAX_RESULTS = 10;

/** GET /member-organizations/autocomplete?q=TEXT: approved organizations whose name contains TEXT, as JSON. */
export function autocompleteRoutes(router: Router): void {
  router.get('/member-organizations/autocomplete', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    if (q.length < MIN_TERM) {
      res.json([]);
      return;
    }
    const found = await req.scope.resolve('consortia').searchApprovedOrganizations(q, MAX_RESULTS);
    res.json(found.map((o) => ({ id: o.id, name: o.name, consortium: o.consortiumName, consortiumId: o.consortiumId })));
  });
}
