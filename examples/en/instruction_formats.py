"""Converting between instruction-tuning data formats, and validating them (Python standard library only).

- alpaca_to_messages: convert an Alpaca record (instruction/input/output, optionally with system and history)
  to OpenAI messages
- sharegpt_to_messages: convert a ShareGPT record (from/value in conversations) to OpenAI messages
- validate_messages: check whether one conversation's messages are valid and return every problem;
  assert_valid raises ValueError if there are any
- write_jsonl / read_jsonl: write and read JSONL (one JSON object per line), keeping Chinese text as is

Run: python examples/en/instruction_formats.py
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

ALLOWED_ROLES = ("system", "user", "assistant")

# Mapping from the role names common in ShareGPT data to OpenAI role names (FastChat/Vicuna use human/gpt).
SHAREGPT_ROLES = {
    "system": "system",
    "human": "user",
    "user": "user",
    "gpt": "assistant",
    "assistant": "assistant",
}


def alpaca_to_messages(record: dict) -> dict:
    """Convert one Alpaca record to {"messages": [...]}.

    instruction and input are joined with a newline into the user message (as LLaMA-Factory does);
    the optional system becomes the system message, and the optional history ([[question, answer], ...])
    is expanded into earlier turns.
    """
    for key in ("instruction", "output"):
        if not str(record.get(key, "")).strip():
            raise ValueError(f"Alpaca 记录缺少必填字段 {key!r}：{record!r}")
    messages: list[dict] = []
    if str(record.get("system", "")).strip():
        messages.append({"role": "system", "content": record["system"]})
    for i, pair in enumerate(record.get("history") or []):
        if len(pair) != 2:
            raise ValueError(f"history 第 {i} 项应为 [问, 答] 两个字符串，实际为 {pair!r}")
        messages.append({"role": "user", "content": pair[0]})
        messages.append({"role": "assistant", "content": pair[1]})
    user = record["instruction"]
    if str(record.get("input", "")).strip():
        user = f"{user}\n{record['input']}"
    messages.append({"role": "user", "content": user})
    messages.append({"role": "assistant", "content": record["output"]})
    return {"messages": messages}


def sharegpt_to_messages(record: dict) -> dict:
    """Convert one ShareGPT record to {"messages": [...]}; a separate system field goes first."""
    turns = record.get("conversations")
    if not isinstance(turns, list) or not turns:
        raise ValueError(f"ShareGPT 记录缺少非空的 conversations 列表：{record!r}")
    messages: list[dict] = []
    if str(record.get("system", "")).strip():
        messages.append({"role": "system", "content": record["system"]})
    for i, turn in enumerate(turns):
        speaker = turn.get("from")
        if speaker not in SHAREGPT_ROLES:
            raise ValueError(
                f"conversations 第 {i} 条的 from={speaker!r} 无法映射；"
                f"可识别的取值：{', '.join(SHAREGPT_ROLES)}（工具调用类角色需另行处理）"
            )
        messages.append({"role": SHAREGPT_ROLES[speaker], "content": turn.get("value", "")})
    return {"messages": messages}


def validate_messages(messages) -> list[str]:
    """Return every problem in this conversation (an empty list means it is valid).

    Rules: the role is one of system/user/assistant; there is at most one system message, and only at the start;
    after it, user and assistant strictly alternate, starting with user and ending with assistant; content is a
    non-empty string.
    """
    if not isinstance(messages, list) or not messages:
        return ["messages 必须是非空列表"]
    problems: list[str] = []
    start = 1 if isinstance(messages[0], dict) and messages[0].get("role") == "system" else 0
    for i, msg in enumerate(messages):
        where = f"第 {i + 1} 条消息"
        if not isinstance(msg, dict):
            problems.append(f"{where}不是 JSON 对象")
            continue
        role, content = msg.get("role"), msg.get("content")
        if role not in ALLOWED_ROLES:
            problems.append(f"{where}的角色 {role!r} 不在 {ALLOWED_ROLES} 之内")
            continue
        if not isinstance(content, str) or not content.strip():
            problems.append(f"{where}（{role}）的 content 为空或不是字符串")
        if role == "system" and i > 0:
            problems.append(f"{where}是 system，但 system 只能出现在第 1 条")
            continue
        if i >= start and role != "system":
            expected = "user" if (i - start) % 2 == 0 else "assistant"
            if role != expected:
                problems.append(f"{where}应为 {expected}，实际为 {role}（user 与 assistant 必须交替）")
    if len(messages) == start:
        problems.append("只有 system 消息，缺少对话内容")
    last = messages[-1]
    if isinstance(last, dict) and last.get("role") != "assistant":
        problems.append(f"最后一条消息应为 assistant（训练目标），实际为 {last.get('role')!r}")
    return problems


def assert_valid(messages) -> None:
    """Raise ValueError if messages is invalid; the error message lists every problem, one per line."""
    problems = validate_messages(messages)
    if problems:
        raise ValueError("对话不合法：\n- " + "\n- ".join(problems))


def write_jsonl(path, records) -> int:
    """Write each record as one line of JSON; ensure_ascii=False writes Chinese text to disk as is.
    Return the number of records written."""
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_jsonl(path) -> list[dict]:
    """Read JSONL line by line, skipping blank lines; if a line is not valid JSON, report its line number."""
    records = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path} 第 {lineno} 行不是合法 JSON：{exc.msg}") from exc
    return records


def main() -> None:
    alpaca = {
        "instruction": "把下面的句子翻译成英文。",
        "input": "今天天气很好。",
        "output": "The weather is nice today.",
        "system": "你是一名翻译助手。",
    }
    sharegpt = {
        "conversations": [
            {"from": "human", "value": "北京是哪个国家的首都？"},
            {"from": "gpt", "value": "北京是中国的首都。"},
            {"from": "human", "value": "用一句话介绍它。"},
            {"from": "gpt", "value": "北京是中国的首都，也是历史文化名城。"},
        ],
        "system": "回答要简短。",
    }
    converted = [alpaca_to_messages(alpaca), sharegpt_to_messages(sharegpt)]
    for record in converted:
        assert_valid(record["messages"])

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train.jsonl"
        n = write_jsonl(path, converted)
        print(f"写入 {n} 条到 {path.name}，第一行：")
        print(path.read_text(encoding="utf-8").splitlines()[0])
        assert read_jsonl(path) == converted

    bad = [{"role": "user", "content": "你好"}, {"role": "user", "content": ""}]
    print("\n一条有问题的对话：")
    for problem in validate_messages(bad):
        print(" -", problem)


if __name__ == "__main__":
    main()
