/// A stored-query LIKE pattern (`$XDSDocumentEntryAuthorPerson` and friends, ITI TF-2 3.18.4.1.2.3.5 (≈)):
/// `%` matches any run of characters, `_` exactly one; everything else matches itself, case-sensitively (SQL LIKE
/// without an escape character).
struct LikePattern: Hashable, Sendable {
    private enum Token: Hashable, Sendable {
        case any
        case one
        case literal(Unicode.Scalar)
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        tokens = pattern.unicodeScalars.map { scalar in
            switch scalar {
            case "%": .any
            case "_": .one
            default: .literal(scalar)
            }
        }
    }

    /// Wildcard matching with one backtracking point (the last `%`): linear in practice, O(n·m) at worst.
    func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var t = 0
        var p = 0
        var star: Int?
        var resume = 0
        while t < scalars.count {
            if p < tokens.count {
                switch tokens[p] {
                case .any:
                    star = p
                    resume = t
                    p += 1
                    continue
                case .one:
                    t += 1
                    p += 1
                    continue
                case .literal(let scalar) where scalar == scalars[t]:
                    t += 1
                    p += 1
                    continue
                case .literal:
                    break
                }
            }
            guard let star else { return false }
            p = star + 1
            resume += 1
            t = resume
        }
        while p < tokens.count, tokens[p] == .any { p += 1 }
        return p == tokens.count
    }
}
