/// The root of aet's package checkout (where `Package.swift` is), found from this file's path at
/// build time: `<root>/Sources/AetTesting/PackageRoot.swift`.
public enum PackageRoot {
    /// The absolute path of the package root.
    public static let path: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Sources/AetTesting/PackageRoot.swift
        return components.joined(separator: "/")
    }()
}
