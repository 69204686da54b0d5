// title: Engagement pipeline by kind
// description: How many actors of each kind are at each engagement status: where the pipeline is thin.
// parameters:
MATCH (a:Actor)
RETURN a.kind AS kind, coalesce(a.engagement, 'none') AS status, count(*) AS actors
ORDER BY kind, status
