package org.openkyc.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The application's data source: Spring Boot's Hikari pool, configured as usual by
 * {@code spring.datasource.*} and {@code spring.datasource.hikari.*}, as a {@link BudgetedDataSource}.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    BudgetedDataSource dataSource(DataSourceProperties properties) {
        BudgetedDataSource dataSource = properties.initializeDataSourceBuilder().type(BudgetedDataSource.class).build();
        if (StringUtils.hasText(properties.getName())) {
            dataSource.setPoolName(properties.getName());
        }
        return dataSource;
    }
}
