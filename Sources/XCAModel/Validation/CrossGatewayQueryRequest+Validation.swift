extension CrossGatewayQueryRequest {
    /// Checks the request against ITI TF-2 3.38.4.1.2 and the stored query definitions (3.18.4.1.2.3.7). Every error
    /// carries `location` (pass this gateway's homeCommunityId, ITI TF-2 3.38.4.1.3); codeContexts name the parameter
    /// and the rule, never a value. Empty when the request is fine.
    ///
    /// - unknown AdhocQuery id → XDSUnknownStoredQuery (nothing else is checked)
    /// - Get* query without `home` → XDSMissingHomeCommunityId; malformed `home` → XDSUnknownCommunity
    /// - required parameter, or every member of an "either … or" group, missing → XDSStoredQueryMissingParam
    /// - single-valued parameter repeated, given a list or several Values, or two members of a group → XDSStoredQueryParamNumber
    /// - unparseable value, patient id not a CX, malformed entryUUID / uniqueId / OID / time → XDSRegistryError
    /// - NHS number (authority 2.16.840.1.113883.2.1.4.1) failing Modulus 11 → XDSUnknownPatientId
    /// - malformed `$homeCommunityId` parameter → XDSUnknownCommunity
    ///
    /// Parameters the query does not define are ignored (and forwarded); at most one error is reported per parameter.
    public func validate(location: String) -> [RegistryError] {
        var errors: [RegistryError] = []
        func fail(_ code: RegistryError.Code, _ context: String) {
            errors.append(RegistryError(code, codeContext: context, location: location))
        }

        guard let query = storedQuery else {
            fail(.unknownStoredQuery, "AdhocQuery id is not one of the XDS stored queries (ITI TF-2 3.18.4.1.2.3.7)")
            return errors
        }

        if let home {
            if let problem = home.validationProblem {
                fail(.unknownCommunity, "AdhocQuery home is not a urn:oid of at most 64 characters (\(problem))")
            }
        } else if query.requiresHomeCommunityID {
            fail(
                .missingHomeCommunityID,
                "\(query.name) has no patient identifier, so AdhocQuery home is required (ITI TF-2 3.38.4.1.2.1)"
            )
        }

        for definition in query.parameters {
            if let (code, context) = problem(with: definition, in: query) { fail(code, context) }
        }

        for group in query.choiceGroups {
            let present = group.filter { name in parameters.contains { $0.name == name } }
            if present.isEmpty {
                fail(.storedQueryMissingParam, "\(query.name) requires one of \(group.joined(separator: ", "))")
            } else if present.count > 1 {
                fail(
                    .storedQueryParamNumber,
                    "\(query.name) accepts only one of \(group.joined(separator: ", ")); got \(present.joined(separator: " and "))"
                )
            }
        }
        return errors
    }

    /// The first problem with one parameter of the query, if any.
    private func problem(
        with definition: StoredQueryParameter,
        in query: StoredQuery
    ) -> (RegistryError.Code, String)? {
        let name = definition.name
        var occurrences = 0
        for parameter in parameters where parameter.name == name {
            occurrences += 1
            if occurrences > 1, !definition.acceptsAndSemantics {
                return (.storedQueryParamNumber, "Parameter \(name) of \(query.name) may be given in one Slot only")
            }
            if parameter.values.isEmpty {
                return (.registryError, "Parameter \(name) of \(query.name) has no Value")
            }
            if parameter.values.count > 1, !definition.acceptsMultipleValues {
                return (.storedQueryParamNumber, "Parameter \(name) of \(query.name) accepts a single value; several Values given")
            }
            for raw in parameter.values {
                switch StoredQueryValue.parse(raw) {
                case .failure(let error):
                    return (.registryError, "Parameter \(name) of \(query.name) has a malformed value: \(error.message)")
                case .success(let value):
                    if value.isList, !definition.acceptsMultipleValues {
                        return (.storedQueryParamNumber, "Parameter \(name) of \(query.name) accepts a single value, not a list")
                    }
                    for element in value.elements {
                        if let problem = Self.problem(with: element, of: definition, in: query) { return problem }
                    }
                }
            }
        }
        if occurrences == 0, definition.isRequired {
            return (.storedQueryMissingParam, "Required parameter \(name) of \(query.name) is missing")
        }
        return nil
    }

    /// The syntax problem of one decoded value element, if any.
    private static func problem(
        with element: StoredQueryValue.Element,
        of definition: StoredQueryParameter,
        in query: StoredQuery
    ) -> (RegistryError.Code, String)? {
        let name = definition.name
        let text = element.text
        switch definition.valueType {
        case .patientID:
            switch PatientID(rawValue: text).problem {
            case .malformed(let reason)?:
                return (.registryError, "Parameter \(name) of \(query.name) is not a valid patient identifier: \(reason)")
            case .invalidNHSNumber(let reason)?:
                return (.unknownPatientID, "Parameter \(name) of \(query.name) carries an invalid NHS number: \(reason)")
            case nil:
                return nil
            }
        case .entryUUID:
            return EntryUUID(rawValue: text).validationProblem.map {
                (.registryError, "Parameter \(name) of \(query.name) has a malformed value: \($0)")
            }
        case .documentUniqueID:
            return DocumentUniqueID(rawValue: text).validationProblem.map {
                (.registryError, "Parameter \(name) of \(query.name) has a malformed value: \($0)")
            }
        case .oid:
            return IdentifierSyntax.oidProblem(text[...], maximumLength: 64).map {
                (.registryError, "Parameter \(name) of \(query.name) is not an OID of at most 64 characters: uniqueId \($0)")
            }
        case .homeCommunityID:
            return HomeCommunityID(rawValue: text).validationProblem.map {
                (.unknownCommunity, "Parameter \(name) of \(query.name) is not a urn:oid of at most 64 characters (\($0))")
            }
        case .dateTime:
            let bytes = text.utf8
            let isDigits = bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard isDigits, [4, 6, 8, 10, 12, 14].contains(bytes.count) else {
                return (.registryError, "Parameter \(name) of \(query.name) is not an HL7 DTM time (YYYY[MM[DD[hh[mm[ss]]]]])")
            }
            return nil
        case .integer:
            guard case .number(let number) = element, Int(number) != nil else {
                return (.registryError, "Parameter \(name) of \(query.name) is not an integer")
            }
            return nil
        case .code, .status, .text:
            return nil
        }
    }
}
