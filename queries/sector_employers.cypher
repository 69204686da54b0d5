// title: Employers in a sector, with their ties
// description: Companies and employer organisations in a sector (e.g. Health, Construction, ICT) with
//   how many ties each has and their engagement status.
// title.fr: Employeurs d’un secteur, avec leurs liens
// description.fr: Entreprises et organisations d’employeurs d’un secteur (par ex. santé,
//   construction, TIC), avec leur nombre de relations et le stade de notre relation
//   avec elles.
// title.es: Empleadores de un sector, con sus vínculos
// description.es: Empresas y organizaciones de empleadores de un sector (p. ej., salud,
//   construcción, TIC), con su número de relaciones y la fase de nuestra relación con
//   ellas.
// parameters: sector:string=Health, limit:int=100
MATCH (a:Actor)-[:IN_SECTOR]->(:Sector {name: $sector})
WHERE a.kind IN ['Company', 'EmployerOrganisation']
OPTIONAL MATCH (a)-[r]-(:Entity)
RETURN a.id AS id, a.name AS name, a.country AS country, coalesce(a.engagement, 'none') AS engagement,
       count(r) AS ties
ORDER BY ties DESC, name
LIMIT $limit
