@org.springframework.modulith.ApplicationModule
package org.openkyc.review;
