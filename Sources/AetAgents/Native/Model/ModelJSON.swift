public import AetCore

/// A JSON value in aet's own agent loop: tool arguments and schemas, requests and replies of the
/// model APIs. The same type as ``AetCore/JSONValue`` (the scripted model server's `WireJSON`).
public typealias ModelJSON = JSONValue
