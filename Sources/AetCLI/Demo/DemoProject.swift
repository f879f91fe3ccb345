/// The small project `aet demo` creates: a greeting script in POSIX shell with its tests, so it
/// builds and tests anywhere aet runs (sh and git only).
enum DemoProject {
    static let testCommand = "sh tests/run.sh"

    static let files: [(path: String, text: String)] = [
        ("greet.sh", greet),
        ("tests/run.sh", tests),
        ("README.md", readme),
    ]

    static let fullTicket = "Add a --shout option to greet.sh that prints the greeting in upper case, with a test."
    static let simpleTicket = "Fix the typo in README.md."

    static let greet = """
        #!/bin/sh
        # Prints a greeting: sh greet.sh [NAME]
        name="${1:-world}"
        echo "Hello, $name!"

        """

    static let tests = """
        #!/bin/sh
        # The project's tests: sh tests/run.sh
        set -e
        cd "$(dirname "$0")/.."
        fail() { echo "FAIL: $1" >&2; exit 1; }
        [ "$(sh greet.sh Ada)" = "Hello, Ada!" ] || fail "greet.sh Ada"
        [ "$(sh greet.sh)" = "Hello, world!" ] || fail "greet.sh without a name"
        echo "all tests passed"

        """

    static let readme = """
        # greeter

        Grettings from the command line: `sh greet.sh NAME`.

        """

    /// greet.sh as the recorded developer writes it.
    static let shoutingGreet = """
        #!/bin/sh
        # Prints a greeting: sh greet.sh [--shout] [NAME]
        shout=no
        if [ "$1" = "--shout" ]; then shout=yes; shift; fi
        name="${1:-world}"
        greeting="Hello, $name!"
        if [ "$shout" = yes ]; then
            echo "$greeting" | tr '[:lower:]' '[:upper:]'
        else
            echo "$greeting"
        fi

        """
}
