// title: Who implements which programme
// description: Programmes with their implementers, funders and participants, one row per programme.
// parameters: limit:int=100
MATCH (p:Programme)
OPTIONAL MATCH (i:Entity)-[:IMPLEMENTS]->(p)
OPTIONAL MATCH (f:Entity)-[:FUNDS]->(p)
OPTIONAL MATCH (x:Entity)-[:PARTICIPATES_IN]->(p)
RETURN p.id AS id, p.name AS programme, collect(DISTINCT i.name) AS implementers,
       collect(DISTINCT f.name) AS funders, collect(DISTINCT x.name) AS participants
ORDER BY programme
LIMIT $limit
