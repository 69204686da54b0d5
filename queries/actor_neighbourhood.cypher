// title: An actor's neighbourhood as a graph
// description: The actor and everything tied to it within one hop, returned as nodes and relationships
//   so the console draws it.
// title.fr: Le voisinage d’un acteur, sous forme de graphe
// description.fr: L’acteur et tout ce qui lui est directement lié, renvoyés sous forme de nœuds et
//   de relations pour que la console les dessine.
// title.es: El entorno de un actor, en forma de grafo
// description.es: El actor y todo lo que está vinculado directamente a él, devueltos como nodos y
//   relaciones para que la consola los dibuje.
// parameters: id:string, limit:int=200
MATCH p = (a:Entity {id: $id})-[r]-(b:Entity)
RETURN p
LIMIT $limit
