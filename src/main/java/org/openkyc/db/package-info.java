/** Database plumbing shared by the capabilities: ids, id arrays, writes sent with the commit. */
@org.springframework.modulith.ApplicationModule
package org.openkyc.db;
