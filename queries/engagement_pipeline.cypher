// title: Engagement pipeline by kind
// description: How many actors of each kind are at each engagement status: where the pipeline is thin.
// title.fr: État des relations par catégorie d’acteur
// description.fr: Combien d’acteurs de chaque catégorie se trouvent à chaque stade de la relation :
//   là où le vivier est mince.
// title.es: Estado de las relaciones por categoría de actor
// description.es: Cuántos actores de cada categoría hay en cada fase de la relación: dónde la
//   cartera de contactos es escasa.
// parameters:
MATCH (a:Actor)
RETURN a.kind AS kind, coalesce(a.engagement, 'none') AS status, count(*) AS actors
ORDER BY kind, status
