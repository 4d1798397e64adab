/** End-to-end tests across real processes: server, job drivers, S3Proxy, a Spark standalone cluster. */
package io.mortar.it;
