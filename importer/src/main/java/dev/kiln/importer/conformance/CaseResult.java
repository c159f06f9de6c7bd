package dev.kiln.importer.conformance;

/**
 * The outcome of one backend test case.
 *
 * @param name case name (its folder name)
 * @param passed whether every output matched
 * @param category short failure category ({@code unsupported}, {@code mismatch}, {@code error},
 *     {@code load}), or {@code pass}
 * @param reason human-readable reason, empty on success
 */
public record CaseResult(String name, boolean passed, String category, String reason) {
    static CaseResult pass(String name) { return new CaseResult(name, true, "pass", ""); }

    static CaseResult fail(String name, String category, String reason) {
        return new CaseResult(name, false, category, reason);
    }
}
