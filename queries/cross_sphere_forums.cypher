// title: Forums where humanitarian and economic actors meet
// description: Forums and networks with members from both the humanitarian and the economic sphere,
//   with how many of each: the rooms where brokerage between the two worlds can happen.
// title.fr: Forums où se rencontrent acteurs humanitaires et économiques
// description.fr: Forums et réseaux comptant des membres des deux sphères, humanitaire et
//   économique, avec leur nombre dans chacune : les espaces où peuvent se nouer des
//   ponts entre ces deux mondes.
// title.es: Foros donde se encuentran actores humanitarios y económicos
// description.es: Foros y redes con miembros de la esfera humanitaria y de la económica, con
//   cuántos hay de cada una: los espacios donde pueden tenderse puentes entre ambos
//   mundos.
// parameters: min_each:int=1, limit:int=50
MATCH (f:Forum)<-[:MEMBER_OF|PARTICIPATES_IN]-(a:Actor)
WITH f, count(DISTINCT CASE WHEN a.sphere IN ['humanitarian', 'both'] THEN a END) AS humanitarian,
        count(DISTINCT CASE WHEN a.sphere IN ['economic', 'both'] THEN a END) AS economic
WHERE humanitarian >= $min_each AND economic >= $min_each
RETURN f.id AS id, f.name AS forum, humanitarian, economic
ORDER BY humanitarian + economic DESC, forum
LIMIT $limit
