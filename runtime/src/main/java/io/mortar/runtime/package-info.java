/** The Mortar job runtime: what runs inside each job's Spark driver. */
package io.mortar.runtime;
