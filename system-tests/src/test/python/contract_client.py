#!/usr/bin/python3
"""An independent gRPC client of the api/v1 contract: generates its stubs from the proto/ files with grpc_tools (as
any Python user would), calls every RPC of RunService and ResultsService, streams included, and prints what it read
as one JSON object for the Java test to compare with the server's own numbers.

Usage: contract_client.py PROTO_ROOT HOST:PORT RUN_ID
"""
import json
import math
import pathlib
import sys
import tempfile

from grpc_tools import protoc

DEADLINE_SECONDS = 30


def generate_stubs(proto_root, out):
    root = pathlib.Path(proto_root)
    files = sorted(str(p.relative_to(root)) for p in (root / "prunedistill" / "api" / "v1").glob("*.proto"))
    files += ["prunedistill/events/v1/common.proto", "prunedistill/events/v1/runs.proto",
              "prunedistill/events/v1/measures.proto", "prunedistill/events/v1/parameters.proto"]
    include = pathlib.Path(protoc.__file__).parent / "_proto"
    status = protoc.main(["protoc", f"-I{root}", f"-I{include}", f"--python_out={out}", f"--grpc_python_out={out}"]
                         + files)
    if status != 0:
        sys.exit(f"protoc failed with status {status} on {files}")
    sys.path.insert(0, out)


def first_of(stream):
    try:
        return next(iter(stream))
    finally:
        stream.cancel()


def main():
    proto_root, target, run_id = sys.argv[1:4]
    generate_stubs(proto_root, tempfile.mkdtemp(prefix="pd-stubs-"))
    import grpc
    from prunedistill.api.v1 import results_pb2, results_pb2_grpc, runs_pb2, runs_pb2_grpc
    from prunedistill.events.v1 import measures_pb2
    from prunedistill.events.v1 import runs_pb2 as event_runs_pb2

    channel = grpc.insecure_channel(target)
    runs = runs_pb2_grpc.RunServiceStub(channel)
    results = results_pb2_grpc.ResultsServiceStub(channel)
    answer = {}

    listed = runs.ListRuns(runs_pb2.ListRunsRequest(page_size=100), timeout=DEADLINE_SECONDS)
    answer["list_runs"] = [run.run_id for run in listed.runs]

    run = runs.GetRun(runs_pb2.GetRunRequest(run_id=run_id), timeout=DEADLINE_SECONDS)
    answer["get_run"] = {"run_id": run.run_id, "status": runs_pb2.RunStatus.Name(run.status),
                         "results": run.results, "sources": len(run.sources),
                         "failures": [{"analysis": f.analysis, "reason": f.reason}
                                      for s in run.sources for f in s.failures]}

    watched = first_of(runs.WatchRun(runs_pb2.GetRunRequest(run_id=run_id), timeout=DEADLINE_SECONDS))
    answer["watch_run"] = {"run_id": watched.run_id, "status": runs_pb2.RunStatus.Name(watched.status)}

    ids = results.GetIdProfile(results_pb2.ProfileRequest(run_id=run_id), timeout=DEADLINE_SECONDS)
    answer["id_profile"] = [{"source": p.source.name, "checkpoint": p.source.checkpoint, "estimator": p.estimator,
                             "id": p.id, "error": p.error if p.has_error else None} for p in ids.points]

    information = results.GetInformationProfile(results_pb2.ProfileRequest(run_id=run_id),
                                                 timeout=DEADLINE_SECONDS)
    answer["information_profile"] = [{"source": p.source.name, "quantity": p.quantity, "correction": p.correction,
                                      "median": p.median,
                                      "measure_quantity": measures_pb2.InformationQuantity.Name(p.measure.quantity),
                                      "measure_task": measures_pb2.DecodingTask.Name(p.measure.task)}
                                     for p in information.points]

    changes = results.GetChanges(results_pb2.ChangesRequest(run_id=run_id), timeout=DEADLINE_SECONDS)
    answer["changes"] = {"run_id": changes.run_id, "changes": [
        {"from": c.from_source.name, "to": c.to_source.name, "quantity": c.quantity, "correction": c.correction,
         "difference": c.difference, "error": c.error if c.has_error else None, "significant": c.significant}
        for c in changes.changes]}
    try:
        results.GetChanges(results_pb2.ChangesRequest(run_id="no-such-run"), timeout=DEADLINE_SECONDS)
        answer["unknown_run_changes"] = "OK"
    except grpc.RpcError as error:
        answer["unknown_run_changes"] = error.code().name

    findings = results.GetFindings(results_pb2.GetFindingsRequest(run_id=run_id), timeout=DEADLINE_SECONDS)
    answer["findings"] = {"run_id": findings.run_id, "first_checkpoint": findings.first_checkpoint,
                          "last_checkpoint": findings.last_checkpoint, "findings": [
                              {"question": results_pb2.Question.Name(f.question),
                               "answer": results_pb2.Answer.Name(f.answer), "text": f.text,
                               "evidence": f.WhichOneof("evidence")} for f in findings.findings]}
    try:
        results.GetFindings(results_pb2.GetFindingsRequest(run_id="no-such-run"), timeout=DEADLINE_SECONDS)
        answer["unknown_run_findings"] = "OK"
    except grpc.RpcError as error:
        answer["unknown_run_findings"] = error.code().name

    trends = results.GetTrends(results_pb2.GetTrendsRequest(run_id=run_id), timeout=DEADLINE_SECONDS)
    answer["trends"] = {"run_id": trends.run_id, "questions": [
        {"question": results_pb2.Question.Name(q.question), "claim": results_pb2.Claim.Name(q.claim),
         "trends": [{"checkpoint": t.checkpoint, "positions": [p.source.name for p in t.positions],
                     "difference": t.difference if math.isfinite(t.difference) else None,
                     "error": t.error if t.has_error else None,
                     "verdict": results_pb2.Verdict.Name(t.verdict), "reason": t.reason} for t in q.trends],
         "interactions": [results_pb2.Verdict.Name(i.verdict) for i in q.interactions]}
        for q in trends.questions]}
    try:
        results.GetTrends(results_pb2.GetTrendsRequest(run_id="no-such-run"), timeout=DEADLINE_SECONDS)
        answer["unknown_run_trends"] = "OK"
    except grpc.RpcError as error:
        answer["unknown_run_trends"] = error.code().name

    tables = results.ListUnitTables(results_pb2.ProfileRequest(run_id=run_id), timeout=DEADLINE_SECONDS)
    answer["unit_tables"] = [{"result_key": t.result_key, "analysis": t.analysis, "columns": list(t.columns),
                              "rows": t.rows} for t in tables.tables]
    if tables.tables:
        key = tables.tables[0].result_key
        pages = list(results.GetUnitTable(results_pb2.UnitTableRequest(run_id=run_id, result_key=key, page_size=7),
                                          timeout=DEADLINE_SECONDS))
        answer["unit_table"] = {"result_key": key, "pages": len(pages),
                                "total_rows": pages[0].total_rows if pages else -1,
                                "rows": sum(len(page.rows) for page in pages),
                                "first_rows": [page.first_row for page in pages],
                                "columns": list(pages[0].columns) if pages else []}
    try:
        list(results.GetUnitTable(results_pb2.UnitTableRequest(run_id=run_id, result_key="no-such-key"),
                                  timeout=DEADLINE_SECONDS))
        answer["unknown_unit_table"] = "OK"
    except grpc.RpcError as error:
        answer["unknown_unit_table"] = error.code().name

    update = first_of(results.WatchResults(results_pb2.ProfileRequest(run_id=run_id), timeout=DEADLINE_SECONDS))
    answer["watch_results"] = update.WhichOneof("update")

    try:
        runs.GetRun(runs_pb2.GetRunRequest(run_id="no-such-run"), timeout=DEADLINE_SECONDS)
        answer["unknown_run"] = "OK"
    except grpc.RpcError as error:
        answer["unknown_run"] = error.code().name

    bad = event_runs_pb2.RunSpec(models=[event_runs_pb2.ModelSource(model="no-such-model")])
    try:
        runs.SubmitRun(runs_pb2.SubmitRunRequest(spec=bad), timeout=DEADLINE_SECONDS)
        answer["bad_submission"] = "OK"
    except grpc.RpcError as error:
        answer["bad_submission"] = error.code().name
        answer["bad_submission_detail"] = error.details()

    print(json.dumps(answer))


if __name__ == "__main__":
    main()
