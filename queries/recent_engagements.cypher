// title: Recent engagements
// description: The engagement log across all actors, newest first, since a date (YYYY-MM-DD).
// title.fr: Contacts récents
// description.fr: Le suivi des contacts de tous les acteurs, du plus récent au plus ancien, depuis
//   une date (AAAA-MM-JJ).
// title.es: Contactos recientes
// description.es: El registro de contactos de todos los actores, del más reciente al más antiguo,
//   desde una fecha (AAAA-MM-DD).
// parameters: since:string=2000-01-01, limit:int=100
MATCH (e:Engagement)-[:ABOUT]->(a:Entity)
WHERE e.date >= $since
RETURN e.date AS date, a.name AS actor, e.status AS status, e.note AS note, e.by AS by
ORDER BY date DESC
LIMIT $limit
