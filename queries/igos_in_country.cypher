// title: Intergovernmental organisations and governments working in a country
// description: IGOs and government bodies that operate in a country (ISO alpha-3), the partners for
//   admission-and-stay and skills-recognition advocacy there.
// parameters: country:string=DEU, limit:int=100
MATCH (a:Actor)-[:OPERATES_IN]->(:Country {code: $country})
WHERE a.kind IN ['IGO', 'Government']
RETURN a.id AS id, a.name AS name, a.kind AS kind, coalesce(a.engagement, 'none') AS engagement
ORDER BY kind, name
LIMIT $limit
