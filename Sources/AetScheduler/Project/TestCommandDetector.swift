import Foundation

/// Finds a project's test command from the files at its root (used by `aet init` when no
/// `--test-command` is given; the result is written to `.aet/config.yaml`).
///
/// | file | command |
/// |---|---|
/// | `Package.swift` | `swift test` |
/// | `pytest.ini`, `conftest.py`; `pyproject.toml` or `tox.ini` naming pytest; `setup.cfg` with `[tool:pytest]` | `pytest` |
/// | `test*.py` at the root or in `tests/`/`test/` without pytest configuration | `python3 -m unittest` (`discover -s tests` for a folder that is not a package) |
/// | `package.json` with a `scripts.test` that is not npm's placeholder | `npm test` |
/// | `Cargo.toml` | `cargo test` |
/// | `go.mod` | `go test ./...` |
/// | `Makefile` with a `test:` target | `make test` |
///
/// The first match in this order wins. None → `nil`: the test stage is then skipped with that
/// reason, never passed silently.
public enum TestCommandDetector {
    /// A detected command and the file that gave it away.
    public struct Detection: Sendable, Hashable {
        public var command: String
        public var evidence: String
    }

    /// Detects the test command of the project at `root`.
    /// - Parameter root: The repository's root directory.
    /// - Returns: The command and its evidence, or nil.
    public static func detect(in root: String) -> Detection? {
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: root + "/" + name) }
        func text(_ name: String) -> String? {
            guard let data = FileManager.default.contents(atPath: root + "/" + name), data.count < 1 << 20 else {
                return nil
            }
            return String(decoding: data, as: UTF8.self)
        }
        if exists("Package.swift") { return Detection(command: "swift test", evidence: "Package.swift") }
        for name in ["pytest.ini", "conftest.py", "tests/conftest.py"] where exists(name) {
            return Detection(command: "pytest", evidence: name)
        }
        for (name, marker) in [("pyproject.toml", "pytest"), ("tox.ini", "pytest"), ("setup.cfg", "[tool:pytest]")] {
            if let content = text(name), content.contains(marker) {
                return Detection(command: "pytest", evidence: name)
            }
        }
        if let unittest = unittestDetection(in: root) { return unittest }
        if let package = text("package.json"),
            // nil: not JSON
            let object = (try? JSONSerialization.jsonObject(with: Data(package.utf8))) as? [String: Any],
            let scripts = object["scripts"] as? [String: Any], let test = scripts["test"] as? String,
            !test.contains("no test specified")
        {
            return Detection(command: "npm test", evidence: "package.json")
        }
        if exists("Cargo.toml") { return Detection(command: "cargo test", evidence: "Cargo.toml") }
        if exists("go.mod") { return Detection(command: "go test ./...", evidence: "go.mod") }
        if let makefile = text("Makefile"),
            makefile.split(separator: "\n").contains(where: { $0.hasPrefix("test:") })
        {
            return Detection(command: "make test", evidence: "Makefile")
        }
        return nil
    }

    /// Python tests without pytest configuration: `test_*.py` at the root or in a `tests/` or `test/`
    /// package → `python3 -m unittest` (discovery from the root); in a `tests/` or `test/` folder that
    /// is not a package → `python3 -m unittest discover -s <folder>` (discovery does not enter folders
    /// without `__init__.py`; `-m` keeps the root importable).
    static func unittestDetection(in root: String) -> Detection? {
        let fileManager = FileManager.default
        func testFiles(in directory: String) -> [String] {
            ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? [])  // nil: no such folder
                .filter { $0.hasPrefix("test") && $0.hasSuffix(".py") }.sorted()
        }
        if let file = testFiles(in: root).first { return Detection(command: "python3 -m unittest", evidence: file) }
        for folder in ["tests", "test"] {
            guard let file = testFiles(in: root + "/" + folder).first else { continue }
            let isPackage = fileManager.fileExists(atPath: root + "/" + folder + "/__init__.py")
            return Detection(
                command: isPackage ? "python3 -m unittest" : "python3 -m unittest discover -s \(folder)",
                evidence: folder + "/" + file)
        }
        return nil
    }
}
