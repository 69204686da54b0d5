// title: Our partners and what they connect to
// description: Actors we are engaged or partnered with, and the organisations one hop beyond them
//   that we are not yet engaged with: candidates for warm introductions.
// parameters: limit:int=200
MATCH (p:Actor)-[r]-(t:Actor)
WHERE p.engagement IN ['engaged', 'partner'] AND NOT coalesce(t.engagement, 'none') IN ['engaged', 'partner']
RETURN p.name AS partner, type(r) AS tie, t.name AS target, t.kind AS kind, t.sphere AS sphere
ORDER BY partner, target
LIMIT $limit
