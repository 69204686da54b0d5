// title: Funders of labour-mobility programmes
// description: Who funds programmes (pathways, pilots, labour agreements), with amounts where known.
// title.fr: Bailleurs des programmes de mobilité de la main-d’œuvre
// description.fr: Qui finance les programmes (voies complémentaires, projets pilotes, accords de
//   main-d’œuvre), avec les montants lorsqu’ils sont connus.
// title.es: Financiadores de programas de movilidad laboral
// description.es: Quién financia los programas (vías complementarias, proyectos piloto, acuerdos
//   laborales), con los importes cuando se conocen.
// parameters: limit:int=100
MATCH (funder:Entity)-[f:FUNDS]->(p:Programme)
RETURN funder.id AS funder_id, funder.name AS funder, funder.kind AS kind, p.name AS programme,
       f.amount AS amount, f.currency AS currency, f.since AS since, f.until AS until
ORDER BY coalesce(f.amount, 0) DESC, funder, programme
LIMIT $limit
