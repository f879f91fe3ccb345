import Testing

@testable import AetAgents

@Suite("Environment allow-list, secret redaction, command-line rendering")
struct ProcessEnvironmentTests {
    @Test("the environment starts empty: allow-list, runtime needs, per-run HOME, extras; nothing else")
    func allowList() {
        let host = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm", "HOME": "/root",
            "AWS_SECRET_ACCESS_KEY": "aws-secret-value", "GITHUB_TOKEN": "ghp_abcdef", "ANTHROPIC_API_KEY": "sk-ant-1",
            "RANDOM_STUFF": "x",
        ]
        let environment = EnvironmentPolicy().makeEnvironment(
            host: host,
            runtimeVariables: ["ANTHROPIC_API_KEY", "NOT_SET_ANYWHERE"],
            home: "/runs/r1/home",
            extra: ["AET_TICKET": "T-1", "LANG": "en_US.UTF-8"]
        )
        #expect(
            environment == [
                "PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8", "TERM": "xterm", "NO_COLOR": "1",
                "ANTHROPIC_API_KEY": "sk-ant-1", "HOME": "/runs/r1/home", "XDG_CONFIG_HOME": "/runs/r1/home/.config",
                "XDG_CACHE_HOME": "/runs/r1/home/.cache", "XDG_DATA_HOME": "/runs/r1/home/.local/share",
                "XDG_STATE_HOME": "/runs/r1/home/.local/state", "AET_TICKET": "T-1",
            ]
        )
    }

    @Test("PATH falls back to the system directories when aet has none")
    func pathFallback() {
        let environment = EnvironmentPolicy().makeEnvironment(host: [:], home: "/h")
        #expect(environment["PATH"] == EnvironmentPolicy.fallbackPath)
    }

    @Test(
        "secret names",
        arguments: [
            ("ANTHROPIC_API_KEY", true), ("GITHUB_TOKEN", true), ("AWS_SECRET_ACCESS_KEY", true), ("DB_PASSWORD", true),
            ("my_passwd", true), ("GOOGLE_APPLICATION_CREDENTIALS", true), ("PATH", false), ("HOME", false),
            ("LANG", false),
        ]
    )
    func secretNames(name: String, secret: Bool) {
        #expect(Redactor.isSecretName(name) == secret)
    }

    @Test("the redactor replaces every secret value, longest first, and leaves short values alone")
    func redactor() {
        let redactor = Redactor(environment: [
            "API_KEY": "abcdef123456", "LONG_TOKEN": "abcdef123456-and-more", "TINY_KEY": "1", "PATH": "/usr/bin",
        ])
        #expect(redactor.secrets == ["abcdef123456-and-more", "abcdef123456"])
        #expect(
            redactor.redact("a=abcdef123456 b=abcdef123456-and-more c=1 /usr/bin")
                == "a=[REDACTED] b=[REDACTED] c=1 /usr/bin"
        )
        #expect(
            redactor.redact(bytes: Array("xabcdef123456abcdef123456x".utf8)) == Array("x[REDACTED][REDACTED]x".utf8)
        )
        #expect(Redactor.none.redact("abcdef123456") == "abcdef123456")
    }

    @Test("rendered command lines are quoted for a shell and hide secrets, by value and by flag name")
    func rendering() {
        let redactor = Redactor(secrets: ["sk-live-999999"])
        let line = CommandLineRendering.render(
            [
                "/usr/bin/agent", "-p", "it's here", "--api-key=whatever-it-is", "--token", "plain-token",
                "--max-tokens",
                "100", "--header", "x-api-key: sk-live-999999", "",
            ],
            redactor: redactor
        )
        let expected =
            "/usr/bin/agent -p 'it'\\''s here' --api-key=[REDACTED] --token [REDACTED] --max-tokens 100 "
            + "--header 'x-api-key: [REDACTED]' ''"
        #expect(line == expected)
    }

    @Test(
        "secrets are recognised by their shape, whatever their value",
        arguments: [
            ("key sk-ant-api03-abcdefghijklmnopqrst end", "key [REDACTED] end"),
            ("OPENAI=sk-proj-ABCDEFGHIJKLMNOP_qrstu", "OPENAI=[REDACTED]"),
            ("sk-abcdefghijklmnop1234", "[REDACTED]"),
            (
                "\"authorization\": \"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig+/=\"",
                "\"authorization\": \"Bearer [REDACTED]\""
            ),
            ("bearer abcdefghijklmnop", "bearer [REDACTED]"),
            ("postgres://u:pw@localhost:5432/db", "postgres://u:[REDACTED]@localhost:5432/db"),
            ("https://user:s3cr%40t@example.com/x", "https://user:[REDACTED]@example.com/x"),
        ]
    )
    func shapes(text: String, redacted: String) {
        #expect(Redactor.none.redact(text) == redacted)
    }

    @Test(
        "words that only look a little like secrets stay",
        arguments: [
            "pip install sk-learn", "task-sk-12", "sk-short", "the Bearer of bad news", "Bearer short",
            "https://example.com/a:b@c", "postgres://localhost:5432/db", "mailto:someone@example.com",
            "risk-assessment-document-v2",
        ]
    )
    func notSecrets(text: String) {
        #expect(Redactor.none.redact(text) == text)
    }
}
