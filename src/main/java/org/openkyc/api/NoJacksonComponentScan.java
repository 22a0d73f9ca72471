package org.openkyc.api;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Drops Spring Boot's {@code jsonComponentModule}: it looks for {@code @JacksonComponent} beans by
 * asking every one of the ~570 beans for its annotations, a fifth of the context's start in the
 * start-up trace (docs/DECISIONS.md, start-up), and this code has no such bean (nor any Jackson
 * module of its own). Runs at build time too, so the Spring AOT registrations never hold it.
 */
@Component
class NoJacksonComponentScan implements BeanDefinitionRegistryPostProcessor {

    static final String BEAN = "jsonComponentModule";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(BEAN)) {
            registry.removeBeanDefinition(BEAN);
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }
}
