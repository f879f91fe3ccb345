public import AetCore

/// A JSON value as it travels on the wire: what a model API request carried, or what a scripted
/// tool call passes as arguments. The same type as aet's own ``AetCore/JSONValue``.
///
/// ```swift
/// let arguments: WireJSON = ["file_path": "/tmp/w/hello.txt", "content": "hi\n", "mode": 420]
/// arguments["file_path"]?.stringValue  // "/tmp/w/hello.txt"
/// ```
public typealias WireJSON = JSONValue
