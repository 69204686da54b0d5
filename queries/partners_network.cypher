// title: Our partners and what they connect to
// description: Actors we are engaged or partnered with, and the organisations one hop beyond them
//   that we are not yet engaged with: candidates for warm introductions.
// title.fr: Nos partenaires et ce à quoi ils nous relient
// description.fr: Les acteurs avec lesquels nous sommes en dialogue ou en partenariat, et les
//   organisations situées juste au-delà avec lesquelles nous n’avons pas encore de
//   relation : des candidats pour une mise en relation.
// title.es: Nuestros socios y aquello con lo que nos conectan
// description.es: Los actores con los que estamos en diálogo o en alianza, y las organizaciones
//   situadas justo más allá con las que aún no tenemos relación: candidatas para una
//   presentación.
// parameters: limit:int=200
MATCH (p:Actor)-[r]-(t:Actor)
WHERE p.engagement IN ['engaged', 'partner'] AND NOT coalesce(t.engagement, 'none') IN ['engaged', 'partner']
RETURN p.name AS partner, type(r) AS tie, t.name AS target, t.kind AS kind, t.sphere AS sphere
ORDER BY partner, target
LIMIT $limit
