extension ConfigurationSyntax {
    /// The known key closest to an unknown one, when it is close enough to be a typo (`endpoint` → `endpoints`,
    /// `home_community_id` → `homeCommunityId`): case, `_` and `-` are ignored, and the edit distance (insertions,
    /// deletions, substitutions and swaps of neighbours) must be at most a third of the key's length (1 to 3).
    static func suggestion(for key: String, among candidates: [String]) -> String? {
        let typed = normalised(key)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, normalised(candidate))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, best.candidate.count / 3))
        return best.distance <= allowed ? best.candidate : nil
    }

    private static func normalised(_ key: String) -> [Character] {
        Array(key.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
