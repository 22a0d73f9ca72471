/** Network address facts shared by the capabilities: CIDR ranges and the private and reserved ones. */
@org.springframework.modulith.ApplicationModule
package org.openkyc.net;
