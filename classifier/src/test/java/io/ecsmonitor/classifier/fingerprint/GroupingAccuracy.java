package io.ecsmonitor.classifier.fingerprint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy, the standard score of log parsers on Loghub: a line is grouped right when the
 * set of lines sharing its predicted key is exactly the set of lines sharing its true event id.
 *
 * @param accuracy        the share of lines grouped right
 * @param predictedGroups how many distinct keys were predicted
 * @param trueGroups      how many distinct event ids there are
 */
record GroupingAccuracy(double accuracy, int predictedGroups, int trueGroups) {

    static <K> GroupingAccuracy of(List<K> predicted, List<String> truth) {
        if (predicted.size() != truth.size()) {
            throw new IllegalArgumentException(predicted.size() + " predictions for " + truth.size() + " lines");
        }
        // Two lines share a predicted group and a true group; a line is right when its predicted
        // group and its true group have the same size and all of the predicted group is in it.
        Map<K, Integer> predictedSize = new HashMap<>();
        Map<String, Integer> trueSize = new HashMap<>();
        Map<List<Object>, Integer> overlap = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            predictedSize.merge(predicted.get(i), 1, Integer::sum);
            trueSize.merge(truth.get(i), 1, Integer::sum);
            overlap.merge(List.of(predicted.get(i), truth.get(i)), 1, Integer::sum);
        }
        int right = 0;
        for (int i = 0; i < truth.size(); i++) {
            int p = predictedSize.get(predicted.get(i));
            int t = trueSize.get(truth.get(i));
            if (p == t && overlap.get(List.of(predicted.get(i), truth.get(i))) == p) {
                right++;
            }
        }
        return new GroupingAccuracy(truth.isEmpty() ? 1.0 : right / (double) truth.size(),
            predictedSize.size(), trueSize.size());
    }
}
