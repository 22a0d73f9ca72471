package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The one mark of the grouped KYC start, read through the application's own handler mapping:
 * what the dispatch would send to the marked handler is marked, under any spelling it accepts,
 * and nothing else is; the lookup leaves the request as it found it.
 */
class GroupCommittedRoutesTest extends ApiTestBase {

    @Autowired
    GroupCommittedRoutes routes;

    @Autowired
    FoundHandlerMapping found;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    HandlerMapping mvc;

    private static MockHttpServletRequest request(String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setContentType("application/json");
        return request;
    }

    private boolean marked(String method, String uri) {
        return routes.matches(request(method, uri));
    }

    @Test
    void theKycStartIsMarkedUnderEverySpellingTheDispatchTakes() {
        String start = "/api/v0.1/customers/" + UUID.randomUUID() + "/verification-kyc";
        assertThat(marked("POST", start)).isTrue();
        assertThat(marked("POST", start + ";a=b")).as("matrix parameters").isTrue();
        assertThat(marked("POST", start.replace("customers", "%63ustomers"))).as("an escaped letter").isTrue();
        assertThat(marked("POST", "/api/v0.1/customers/not-a-uuid/verification-kyc")).as("any id: the handler answers 404").isTrue();
    }

    @Test
    void otherRoutesAndMethodsAreNot() {
        String start = "/api/v0.1/customers/" + UUID.randomUUID() + "/verification-kyc";
        assertThat(marked("GET", start)).as("the status").isFalse();
        assertThat(marked("POST", start + "/documents")).isFalse();
        assertThat(marked("POST", "/api/v0.1/customers")).isFalse();
        assertThat(marked("POST", "/api/v0.1/simulate/kyc-pass")).isFalse();
        assertThat(marked("POST", "/api/v0.1/nothing-here")).isFalse();
        assertThat(marked("POST", start + "/x/y")).isFalse();
    }

    @Test
    void theLookupLeavesNoneOfItsFindingsOnTheRequest() {
        MockHttpServletRequest request = request("POST", "/api/v0.1/customers/" + UUID.randomUUID() + "/verification-kyc");
        assertThat(routes.matches(request)).isTrue();
        assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)).isNull();
        assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)).isNull();
        assertThat(request.getAttribute(org.springframework.web.util.ServletRequestPathUtils.PATH_ATTRIBUTE)).isNull();
        assertThat(routes.matches(request)).as("the second time from what the first left").isTrue();
    }

    @Test
    void theDispatchGetsTheHandlerTheLookupFoundWithItsFindings() throws Exception {
        UUID customer = UUID.randomUUID();
        String start = "/api/v0.1/customers/" + customer + "/verification-kyc";
        MockHttpServletRequest request = request("POST", start);
        assertThat(found.getHandler(request)).as("not looked up yet: the ordinary mappings answer").isNull();
        assertThat(routes.matches(request)).isTrue();

        var chain = found.getHandler(request);
        var own = mvc.getHandler(request("POST", start));
        assertThat(chain).isNotNull();
        assertThat(chain.getHandler().toString()).isEqualTo(own.getHandler().toString());
        assertThat(chain.getInterceptorList()).hasSameSizeAs(own.getInterceptorList());
        assertThat(String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)))
                .isEqualTo("/api/v0.1/customers/{customerId}/verification-kyc");
        assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE))
                .isEqualTo(java.util.Map.of("customerId", customer.toString()));
    }

    @Test
    void nothingElseIsDispatchedFromTheLookup() throws Exception {
        String start = "/api/v0.1/customers/" + UUID.randomUUID() + "/verification-kyc";
        MockHttpServletRequest status = request("GET", start);
        routes.matches(status);
        assertThat(found.getHandler(status)).as("not a marked route").isNull();

        MockHttpServletRequest other = request("POST", "/api/v0.1/customers");
        assertThat(routes.matches(other)).isFalse();
        assertThat(found.getHandler(other)).isNull();

        MockHttpServletRequest moved = request("POST", start);
        assertThat(routes.matches(moved)).isTrue();
        moved.setRequestURI("/api/v0.1/customers");
        assertThat(found.getHandler(moved)).as("a request now for another path (a forward, an error page)").isNull();
    }
}
