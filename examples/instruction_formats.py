"""指令微调数据的格式互转与校验（只用 Python 标准库）。

- alpaca_to_messages：Alpaca 记录（instruction/input/output，可带 system、history）转 OpenAI messages
- sharegpt_to_messages：ShareGPT 记录（conversations 中的 from/value）转 OpenAI messages
- validate_messages：检查一条 messages 是否合法，返回全部问题；assert_valid 在有问题时抛出 ValueError
- write_jsonl / read_jsonl：按 JSONL（每行一个 JSON 对象）读写，中文原样保存

运行：python examples/instruction_formats.py
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

ALLOWED_ROLES = ("system", "user", "assistant")

# ShareGPT 常见的角色名到 OpenAI 角色名的映射（FastChat/Vicuna 用 human/gpt）。
SHAREGPT_ROLES = {
    "system": "system",
    "human": "user",
    "user": "user",
    "gpt": "assistant",
    "assistant": "assistant",
}


def alpaca_to_messages(record: dict) -> dict:
    """把一条 Alpaca 记录转成 {"messages": [...]}。

    instruction 与 input 用换行拼成用户消息（与 LLaMA-Factory 的做法一致）；
    可选的 system 变成系统消息，可选的 history（[[问, 答], ...]）展开成更早的轮次。
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
    """把一条 ShareGPT 记录转成 {"messages": [...]}；单独的 system 字段放到最前面。"""
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
    """返回这条对话的全部问题（空列表表示合法）。

    规则：角色只能是 system/user/assistant；system 至多一条且只能在开头；
    其后 user 与 assistant 严格交替、以 user 开始、以 assistant 结束；content 为非空字符串。
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
    """messages 不合法时抛出 ValueError，错误信息逐条列出所有问题。"""
    problems = validate_messages(messages)
    if problems:
        raise ValueError("对话不合法：\n- " + "\n- ".join(problems))


def write_jsonl(path, records) -> int:
    """每条记录写成一行 JSON；ensure_ascii=False 让中文原样落盘。返回写入条数。"""
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_jsonl(path) -> list[dict]:
    """逐行读取 JSONL，跳过空行；某行不是合法 JSON 时报告行号。"""
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
