/** Settings shared by every capability: data directory, mode, operator token, crypto keys. */
@org.springframework.modulith.ApplicationModule(displayName = "Configuration")
package org.openkyc.config;
