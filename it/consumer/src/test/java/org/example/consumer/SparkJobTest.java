package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparkJobTest {

    @Test
    void plans_the_samples_in_whole_chunks() {
        assertEquals(200, SparkJob.plan(8).chunks().size());
        assertEquals(250, SparkJob.plan(8).chunks().get(0)[1]);
    }
}
