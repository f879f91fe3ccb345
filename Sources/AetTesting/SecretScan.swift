import Foundation

/// Finds where a secret was written: for tests that prove a token never lands in a file aet writes.
public enum SecretScan {
    /// Regular files under `directory` (symbolic links are not followed) whose bytes contain any of `texts`.
    /// - Parameters:
    ///   - directory: Where to look, recursively.
    ///   - texts: The secrets.
    /// - Returns: The paths relative to `directory`, in the order found.
    public static func files(under directory: String, containing texts: [String]) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            // nil: the file went away while we looked; nothing to scan.
            let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            guard type == .typeRegular, let data = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if texts.contains(where: text.contains) { found.append(relative) }
        }
        return found
    }
}
