// title: Employers in a country with no tie to us
// description: Companies and employer organisations based in a country that have no relationship of
//   any kind to the home actor, nor to anyone the home actor is engaged or partnered with. Cold
//   targets for employer-led pathways.
// title.fr: Employeurs d’un pays sans lien avec nous
// description.fr: Entreprises et organisations d’employeurs établies dans un pays qui n’ont aucune
//   relation avec notre organisation ni avec nos interlocuteurs et partenaires. Des
//   cibles à froid pour les voies de mobilité portées par les employeurs.
// title.es: Empleadores de un país sin vínculo con nosotros
// description.es: Empresas y organizaciones de empleadores con sede en un país que no tienen
//   ninguna relación con nuestra organización ni con nuestros interlocutores y
//   socios. Objetivos en frío para las vías de movilidad impulsadas por empleadores.
// parameters: country:string=DEU, home:string=iom, limit:int=50
MATCH (e:Actor)
WHERE e.kind IN ['Company', 'EmployerOrganisation'] AND e.country = $country
  AND NOT EXISTS { MATCH (e)--(:Entity {id: $home}) }
  AND NOT EXISTS {
    MATCH (e)--(w:Actor) WHERE w.engagement IN ['engaged', 'partner']
  }
RETURN e.id AS id, e.name AS name, e.kind AS kind, e.sectors AS sectors, e.influence AS influence
ORDER BY coalesce(e.influence, 0) DESC, name
LIMIT $limit
