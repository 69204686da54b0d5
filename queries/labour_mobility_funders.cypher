// title: Funders of labour-mobility programmes
// description: Who funds programmes (pathways, pilots, labour agreements), with amounts where known.
// parameters: limit:int=100
MATCH (funder:Entity)-[f:FUNDS]->(p:Programme)
RETURN funder.id AS funder_id, funder.name AS funder, funder.kind AS kind, p.name AS programme,
       f.amount AS amount, f.currency AS currency, f.since AS since, f.until AS until
ORDER BY coalesce(f.amount, 0) DESC, funder, programme
LIMIT $limit
