// title: Actors without a source
// description: Actors no import asserted (edited or created by hand): check where their data came from.
// parameters: limit:int=100
MATCH (a:Actor)
WHERE size(coalesce(a.sources, [])) = 0
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.editedBy AS editedBy
ORDER BY name
LIMIT $limit
