package org.openkyc.brand;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SPEC §2: a temporary key works only on its customer's routes: {@code GET /customers/{id}},
 * {@code GET|POST /customers/{id}/verification-kyc} and {@code POST .../verification-kyc/documents}.
 */
final class TemporaryKeyScope {

    private static final Pattern ROUTE = Pattern.compile("^/api/v0\\.1/customers/([^/]+)(/verification-kyc(/documents)?)?/?$");

    private TemporaryKeyScope() {
    }

    static boolean allows(String method, String path, UUID customerId) {
        Matcher m = ROUTE.matcher(path);
        if (!m.matches() || !m.group(1).equalsIgnoreCase(customerId.toString())) {
            return false;
        }
        boolean customer = m.group(2) == null;
        boolean documents = m.group(3) != null;
        if (customer) {
            return method.equals("GET");
        }
        if (documents) {
            return method.equals("POST");
        }
        return method.equals("GET") || method.equals("POST");
    }
}
