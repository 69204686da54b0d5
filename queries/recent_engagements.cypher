// title: Recent engagements
// description: The engagement log across all actors, newest first, since a date (YYYY-MM-DD).
// parameters: since:string=2000-01-01, limit:int=100
MATCH (e:Engagement)-[:ABOUT]->(a:Entity)
WHERE e.date >= $since
RETURN e.date AS date, a.name AS actor, e.status AS status, e.note AS note, e.by AS by
ORDER BY date DESC
LIMIT $limit
