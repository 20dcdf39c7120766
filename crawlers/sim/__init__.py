"""Local servers that behave like the outside world (the procurement APIs, ModernGov and
CMIS sites), serving the project's own sample data. Used by the tests and the offline
demo; they only ever listen on 127.0.0.1."""
