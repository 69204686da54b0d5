// title: An actor's neighbourhood as a graph
// description: The actor and everything tied to it within one hop, returned as nodes and relationships
//   so the console draws it.
// parameters: id:string, limit:int=200
MATCH p = (a:Entity {id: $id})-[r]-(b:Entity)
RETURN p
LIMIT $limit
