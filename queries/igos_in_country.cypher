// title: Intergovernmental organisations and governments working in a country
// description: IGOs and government bodies that operate in a country (ISO alpha-3), the partners for
//   admission-and-stay and skills-recognition advocacy there.
// title.fr: Organisations intergouvernementales et gouvernements présents dans un pays
// description.fr: Organisations intergouvernementales et administrations publiques qui
//   interviennent dans un pays (code ISO alpha-3) : les interlocuteurs du plaidoyer
//   sur l’admission et le séjour et sur la reconnaissance des compétences.
// title.es: Organizaciones intergubernamentales y gobiernos presentes en un país
// description.es: Organizaciones intergubernamentales y organismos públicos que operan en un país
//   (código ISO alfa-3): los interlocutores para la incidencia sobre admisión y
//   estancia y sobre reconocimiento de competencias.
// parameters: country:string=DEU, limit:int=100
MATCH (a:Actor)-[:OPERATES_IN]->(:Country {code: $country})
WHERE a.kind IN ['IGO', 'Government']
RETURN a.id AS id, a.name AS name, a.kind AS kind, coalesce(a.engagement, 'none') AS engagement
ORDER BY kind, name
LIMIT $limit
