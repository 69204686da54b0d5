// title: Who implements which programme
// description: Programmes with their implementers, funders and participants, one row per programme.
// title.fr: Qui met en œuvre quel programme
// description.fr: Les programmes avec leurs organismes de mise en œuvre, leurs bailleurs et leurs
//   participants, une ligne par programme.
// title.es: Quién ejecuta cada programa
// description.es: Los programas con sus entidades ejecutoras, sus financiadores y sus
//   participantes, una fila por programa.
// parameters: limit:int=100
MATCH (p:Programme)
OPTIONAL MATCH (i:Entity)-[:IMPLEMENTS]->(p)
OPTIONAL MATCH (f:Entity)-[:FUNDS]->(p)
OPTIONAL MATCH (x:Entity)-[:PARTICIPATES_IN]->(p)
RETURN p.id AS id, p.name AS programme, collect(DISTINCT i.name) AS implementers,
       collect(DISTINCT f.name) AS funders, collect(DISTINCT x.name) AS participants
ORDER BY programme
LIMIT $limit
