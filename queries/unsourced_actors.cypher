// title: Actors without a source
// description: Actors no import asserted (edited or created by hand): check where their data came from.
// title.fr: Acteurs sans source
// description.fr: Acteurs qu’aucun import ne mentionne (modifiés ou créés à la main) : vérifiez
//   d’où proviennent leurs données.
// title.es: Actores sin fuente
// description.es: Actores que ninguna importación menciona (editados o creados a mano): compruebe
//   de dónde proceden sus datos.
// parameters: limit:int=100
MATCH (a:Actor)
WHERE size(coalesce(a.sources, [])) = 0
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.editedBy AS editedBy
ORDER BY name
LIMIT $limit
