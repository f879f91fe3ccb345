extension ScriptedReply {
    /// A reply in aider's SEARCH/REPLACE edit format that creates the file `path` holding `line`.
    /// - Parameters:
    ///   - path: The file to create, relative to the repository.
    ///   - line: Its one line of content.
    /// - Returns: The text reply.
    public static func aiderCreatingFile(_ path: String, line: String) -> ScriptedReply {
        .text(
            """
            I will create the file.

            \(path)
            ```
            <<<<<<< SEARCH
            =======
            \(line)
            >>>>>>> REPLACE
            ```
            """)
    }
}
