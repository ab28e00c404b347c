"""多轮对话的三件小事（只用 Python 标准库）：

1. render_chatml：把 messages 渲染成 ChatML 字符串（Qwen 等模型使用的格式）
2. build_labels：做 token 级的标签，非助手部分记为 -100（损失函数会忽略这些位置）
3. truncate_history：按 token 预算裁剪历史，保留 system 与最近的若干轮

演示用的“分词器”把特殊 token、换行、空白、英文单词各算一个 token，其余字符逐字切分；
真实模型请换成它自己的分词器，规则不变。运行：python examples/chat_template.py
"""

from __future__ import annotations

import re
from itertools import groupby

IM_START, IM_END = "<|im_start|>", "<|im_end|>"
IGNORE_INDEX = -100  # PyTorch 交叉熵默认忽略的标签值

TOKEN_RE = re.compile(r"<\|im_start\|>|<\|im_end\|>|\n|[ \t]+|[A-Za-z0-9_]+|.", re.S)


def tokenize(text: str) -> list[str]:
    """演示分词：无损，"".join(tokenize(s)) == s。"""
    return TOKEN_RE.findall(text)


def render_message(message: dict) -> str:
    return f"{IM_START}{message['role']}\n{message['content']}{IM_END}\n"


def render_chatml(messages: list[dict], add_generation_prompt: bool = False) -> str:
    """ChatML：每条消息写成 <|im_start|>角色\\n内容<|im_end|>\\n；
    add_generation_prompt=True 时在末尾加上 <|im_start|>assistant\\n，提示模型开始作答。"""
    text = "".join(render_message(m) for m in messages)
    if add_generation_prompt:
        text += f"{IM_START}assistant\n"
    return text


def build_labels(messages: list[dict]) -> tuple[list[str], list[int], list[int]]:
    """返回 (tokens, input_ids, labels)。

    只有助手消息的“内容 + <|im_end|>”参与损失：模型要学会回答，也要学会在何处停下；
    角色头 <|im_start|>assistant\\n、system/user 消息以及消息之间的换行都记为 -100。
    标签与输入逐位对齐，“预测下一个 token”的错位由训练框架在计算损失时完成。
    """
    vocab: dict[str, int] = {}
    tokens: list[str] = []
    labels_mask: list[bool] = []
    for m in messages:
        header = f"{IM_START}{m['role']}\n"
        body = f"{m['content']}{IM_END}"
        train = m["role"] == "assistant"
        for piece, trainable in ((header, False), (body, train), ("\n", False)):
            for tok in tokenize(piece):
                tokens.append(tok)
                labels_mask.append(trainable)
    input_ids = [vocab.setdefault(t, len(vocab)) for t in tokens]
    labels = [i if keep else IGNORE_INDEX for i, keep in zip(input_ids, labels_mask)]
    return tokens, input_ids, labels


def count_tokens(message: dict) -> int:
    return len(tokenize(render_message(message)))


def truncate_history(messages: list[dict], max_tokens: int, reserve: int = 0) -> list[dict]:
    """在 max_tokens（上下文长度）内保留尽量多的最近轮次。

    - 开头的 system 消息始终保留；
    - “一轮”从一条 user 消息开始，包含其后的 assistant（及工具）消息，整轮保留或整轮丢弃；
    - 最后一轮（当前问题）必须保留；
    - reserve 为留给本次回答的 token 数，另外还计入生成提示 <|im_start|>assistant\\n。
    """
    system = [m for m in messages[:1] if m["role"] == "system"]
    rest = messages[len(system):]
    turns: list[list[dict]] = []
    for m in rest:
        if m["role"] == "user" or not turns:
            turns.append([m])
        else:
            turns[-1].append(m)
    budget = max_tokens - reserve - len(tokenize(f"{IM_START}assistant\n"))
    budget -= sum(count_tokens(m) for m in system)
    kept: list[list[dict]] = []
    for turn in reversed(turns):
        cost = sum(count_tokens(m) for m in turn)
        if cost > budget:
            break
        kept.append(turn)
        budget -= cost
    if turns and not kept:
        raise ValueError("预算不足：连 system 加最新一轮都放不下，请缩短输入或加大上下文长度")
    return system + [m for turn in reversed(kept) for m in turn]


def main() -> None:
    messages = [
        {"role": "system", "content": "你是旅行助手。回答不超过两句话。"},
        {"role": "user", "content": "我想去杭州玩。"},
        {"role": "assistant", "content": "好的，推荐西湖和灵隐寺。"},
        {"role": "user", "content": "住哪里方便？"},
        {"role": "assistant", "content": "住在西湖附近最方便。"},
        {"role": "user", "content": "那第二天呢？"},
    ]
    print(render_chatml(messages, add_generation_prompt=True))

    tokens, _, labels = build_labels(messages[:3])
    parts = []
    for masked, group in groupby(zip(tokens, labels), key=lambda p: p[1] == IGNORE_INDEX):
        group = list(group)
        parts.append(f"[-100×{len(group)}]" if masked else "".join(t for t, _ in group))
    print("前三条消息的标签：", "".join(parts))

    full = len(tokenize(render_chatml(messages, add_generation_prompt=True)))
    short = truncate_history(messages, max_tokens=full - 5)
    print(f"\n完整提示 {full} 个 token；预算 {full - 5} 时保留：")
    for m in short:
        print(f"  [{m['role']}] {m['content']}")


if __name__ == "__main__":
    main()
