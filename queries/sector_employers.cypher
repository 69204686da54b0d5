// title: Employers in a sector, with their ties
// description: Companies and employer organisations in a sector (e.g. Health, Construction, ICT) with
//   how many ties each has and their engagement status.
// parameters: sector:string=Health, limit:int=100
MATCH (a:Actor)-[:IN_SECTOR]->(:Sector {name: $sector})
WHERE a.kind IN ['Company', 'EmployerOrganisation']
OPTIONAL MATCH (a)-[r]-(:Entity)
RETURN a.id AS id, a.name AS name, a.country AS country, coalesce(a.engagement, 'none') AS engagement,
       count(r) AS ties
ORDER BY ties DESC, name
LIMIT $limit
