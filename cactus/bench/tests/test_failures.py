"""The bench tells a feature absent from this build (printed) from a step that crashed (exit 1)."""

import pytest

from cactus.bench import deposit, documents, load

WRK_OUTPUT = """Running 8s test @ http://127.0.0.1:8001/dossiers/
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.16ms    5.01ms  70.12ms   80.00%
    Req/Sec   498.00     40.00   560.00     75.00%
  Latency Distribution
     50%   19.50ms
     75%   22.00ms
     90%   25.10ms
     99%    1.20s
  3980 requests in 8.00s, 1.20MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 2
Requests/sec:    497.50
Transfer/sec:    153.20KB
"""


def test_a_missing_cactus_module_is_a_feature_absent_from_this_build():
    with pytest.raises(documents.FeatureAbsent, match="cactus.documents.renderers.nothing_here"):
        documents.renderer("nothing_here")


def test_a_missing_third_party_module_is_a_crash():
    with pytest.raises(ModuleNotFoundError), documents.missing_feature():
        import not_a_real_package  # noqa: F401


def test_wrk_figures_are_read_with_their_units():
    result = load.parse_wrk(WRK_OUTPUT)

    assert result.requests_per_second == 497.5
    assert result.p50_ms == 19.5
    assert result.p99_ms == 1200.0
    assert result.requests == 3980


def test_error_answers_fail_the_step_but_timeouts_are_only_counted():
    result = load.parse_wrk(WRK_OUTPUT)

    assert result.errors == 2
    assert result.timeouts == 3


def test_unexpected_wrk_output_fails_loudly():
    with pytest.raises(RuntimeError, match="Unexpected wrk output"):
        load.parse_wrk("wrk: command failed")


@pytest.mark.django_db
def test_a_crashed_step_is_recorded_and_the_next_steps_still_run(capsys):
    from cactus.bench.run import Bench

    bench = Bench(environment={}, sizes=[60])
    with bench.step("first"):
        raise ValueError("boom")
    with bench.step("second"):
        ran_on = True

    assert ran_on
    assert bench.failures == [{"step": "first", "error": "ValueError: boom"}]
    assert "FAILED: first: boom" in capsys.readouterr().err


@pytest.mark.django_db
def test_documents_absent_from_the_build_are_printed_not_failed(monkeypatch, capsys):
    from cactus.bench.run import Bench

    def absent():
        raise documents.FeatureAbsent("cactus.documents.renderers.cerfa_apprentissage is not in this build")

    monkeypatch.setattr(documents, "measure_documents", absent)
    monkeypatch.setattr(documents, "measure_bulk", absent)
    monkeypatch.setattr(documents, "measure_bulk_official", absent)
    monkeypatch.setattr(deposit, "measure_deposit", absent)  # the deposit carries the documents
    bench = Bench(environment={}, sizes=[60])

    bench.measure_documents()

    assert bench.failures == []
    assert bench.results["documents"]["status"] == "not available yet"
    assert "not available yet" in capsys.readouterr().out
