package org.openkyc.api;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    /**
     * SPEC §1: {@code /customers/} is the same route as {@code /customers}. Before admission, so
     * that it and the filters after it find the request's handler as the dispatch will
     * ({@link GroupCommittedRoutes}).
     */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
        var registration = new FilterRegistrationBean<>(UrlHandlerFilter.trailingSlashHandler("/api/**", "/admin/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 14);
        return registration;
    }

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new JsonWhateverAccept(), new HeaderContentNegotiationStrategy()));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new JsonContentType());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver());
    }

    /**
     * The API answers JSON whatever {@code Accept} says (RFC 9110 §12.5.1 lets a server disregard
     * it). Negotiating failed after the controller had run: {@code Accept: application/xml} on a
     * PATCH stored the change and answered an empty 406, and an {@code Accept} Spring cannot parse
     * ({@code ;;}) emptied every error body. The operations endpoints and the OpenAPI document keep
     * negotiating (Prometheus formats, YAML), and so does the review console (HTML pages, CSV).
     */
    private static final class JsonWhateverAccept implements ContentNegotiationStrategy {
        private static final List<String> NEGOTIATED = List.of("/actuator", "/v3/api-docs", "/swagger-ui", "/console");

        @Override
        public List<MediaType> resolveMediaTypes(NativeWebRequest request) {
            HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
            String path = http == null ? "" : http.getRequestURI();
            return NEGOTIATED.stream().anyMatch(path::startsWith) ? MEDIA_TYPE_ALL_LIST : List.of(MediaType.APPLICATION_JSON);
        }
    }

    /** Hands controllers the {@link Caller} that authentication put on the request. */
    private static final class CallerResolver implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                      WebDataBinderFactory binderFactory) {
            Object caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (caller == null) {
                throw ApiException.unauthorized();
            }
            return caller;
        }
    }
}
