package org.openkyc.review;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.openkyc.api.ApiException;
import org.openkyc.api.ErrorWriter;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Spring Security for the reviewers only (issue 17): the console ({@code /console/**}: form login,
 * session, CSRF, lock-out) and the review API ({@code /api/v0.1/review/**}: a bearer token per
 * account, no session, no CSRF). Nothing else passes through Spring Security at all: the servlet
 * filter is registered for those two URL patterns alone, so the brand API and {@code /admin} keep
 * their own filters and their speed, and a brand key opens neither the console nor the review API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for the command line (openkyc reviewer ...)
class ConsoleSecurity {

    static final List<String> URL_PATTERNS = List.of("/console/*", "/api/v0.1/review/*");

    /**
     * Boot registers Spring Security's filter for every URL; here for the reviewers' URLs only, and
     * right after the body-size filter: the token is checked on the headers before admission reads
     * the body, as the API keys are ({@code ApiKeyAuthFilter} at +12).
     */
    @Bean
    static BeanPostProcessor reviewerUrlsOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && "securityFilterChainRegistration".equals(beanName)) {
                    registration.setUrlPatterns(URL_PATTERNS);
                    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
                }
                return bean;
            }
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleChain(HttpSecurity http, ReviewerRepository reviewers, Clock clock,
                                     @Value("${openkyc.console.idle-timeout:30m}") Duration idleTimeout) throws Exception {
        // One failure answer for every refusal, a lock-out included (ReviewerLogin): it must not tell that a username exists.
        var failures = new SimpleUrlAuthenticationFailureHandler("/console/login?error");
        // The login is ReviewerLogin, the application's one AuthenticationProvider (which also keeps
        // Boot from making its default user): not added here again, where a refusal would run it twice.
        http.securityMatcher("/console/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/login", "/console/static/**").permitAll()
                        .anyRequest().hasRole("REVIEWER"))
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console", true).failureHandler(failures))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .httpBasic(basic -> basic.disable())
                .exceptionHandling(errors -> errors.accessDeniedHandler(ConsolePages::forbidden))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'"))
                        .frameOptions(frame -> frame.deny()))
                .addFilterBefore(new ConsoleSessionFilter(clock, idleTimeout, reviewers), SecurityContextHolderFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain reviewApiChain(HttpSecurity http, ReviewerTokens tokens, ErrorWriter errors) throws Exception {
        http.securityMatcher("/api/v0.1/review/**")
                .csrf(csrf -> csrf.disable()) // no cookie is ever accepted here: nothing for a forged request to ride on
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new ReviewerTokenFilter(tokens, errors), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("REVIEWER"))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> errors.refuseUnread(request, response, unauthorized()))
                        .accessDeniedHandler((request, response, e) -> errors.refuseUnread(request, response,
                                ApiException.forbidden("This reviewer account may not do this."))));
        return http.build();
    }

    static ApiException unauthorized() {
        return ApiException.request(HttpStatus.UNAUTHORIZED, "auth_err",
                "Authentication failed: send a reviewer account's token as Authorization: Bearer rvt_...");
    }
}
