/**
 * Word lists for realistic Chinese school data: names with their pinyin (for e-mail
 * addresses), subjects, lessons from the unified textbooks, and title patterns.
 */

function table(s: string): Array<[string, string]> {
  return s.trim().split(/\s+/).map((w) => {
    const m = /^(\p{Script=Han}+)([a-z]+)$/u.exec(w);
    if (!m) throw new Error(`bad word list entry: ${w}`);
    return [m[1]!, m[2]!];
  });
}

/** Common surnames, roughly by frequency, with pinyin. Earlier ones are picked more often. */
export const SURNAMES = table(`
王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu
郭guo 何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao
彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei
吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi
廖liao 贾jia 夏xia 韦wei 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue 段duan
雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian 严yan 武wu
戴dai 孔kong 汤tang 欧阳ouyang 司马sima
`);

/** Characters used in given names, with pinyin. */
export const GIVEN = table(`
芳fang 娜na 敏min 静jing 丽li 艳yan 娟juan 霞xia 秀xiu 玲ling 燕yan 婷ting 雪xue 琳lin 晶jing
洁jie 颖ying 倩qian 慧hui 萍ping 红hong 梅mei 莉li 琴qin 蕾lei 璐lu 悦yue 欣xin 怡yi 佳jia 雯wen
露lu 月yue 诗shi 晓xiao 晨chen 宁ning 瑶yao 菲fei 薇wei 蓉rong 伟wei 强qiang 磊lei 军jun 洋yang
勇yong 杰jie 涛tao 明ming 超chao 辉hui 刚gang 平ping 鹏peng 华hua 飞fei 鑫xin 波bo 斌bin 宇yu
浩hao 凯kai 健jian 俊jun 帆fan 旭xu 龙long 林lin 峰feng 建jian 国guo 文wen 志zhi 海hai 东dong
亮liang 成cheng 博bo 远yuan 岩yan 松song 阳yang 子zi 一yi 思si 雨yu 嘉jia 天tian 安an 春chun
秋qiu 新xin 永yong 立li 学xue 兰lan 丹dan 云yun 振zhen 德de 清qing 玉yu 凤feng 桂gui 秀xiu
`);

export interface GroupKind {
  id: string;
  name: string;
  /** Subjects taught by members of this group. */
  subjects: string[];
  /** Relative size of the group in a school. */
  weight: number;
  /** The weekday of its research afternoon (1 = Monday). */
  weekday: number;
}

/** 教研组, in the order a school would list them. Beyond these, generic groups are made up. */
export const GROUP_KINDS: GroupKind[] = [
  { id: "chinese", name: "语文组", subjects: ["语文"], weight: 3.2, weekday: 2 },
  { id: "math", name: "数学组", subjects: ["数学"], weight: 2.8, weekday: 3 },
  { id: "english", name: "英语组", subjects: ["英语"], weight: 1.8, weekday: 4 },
  { id: "arts", name: "综合组（音体美）", subjects: ["音乐", "美术", "体育"], weight: 1.8, weekday: 1 },
  { id: "science", name: "科学组", subjects: ["科学", "物理", "化学", "生物"], weight: 1.4, weekday: 5 },
  { id: "moral", name: "道德与法治组", subjects: ["道德与法治"], weight: 1, weekday: 2 },
  { id: "it", name: "信息科技组", subjects: ["信息科技"], weight: 0.8, weekday: 4 },
  { id: "history", name: "史地组", subjects: ["历史", "地理"], weight: 1, weekday: 3 },
];

/** Lessons by subject: [grade, lesson title]. Titles as printed in the textbooks. */
export const LESSONS: Record<string, Array<[string, string]>> = {
  语文: [
    ["一年级", "小小的船"], ["一年级", "秋天"], ["二年级", "坐井观天"], ["二年级", "曹冲称象"],
    ["三年级", "花钟"], ["三年级", "赵州桥"], ["四年级", "观潮"], ["四年级", "爬山虎的脚"],
    ["五年级", "落花生"], ["五年级", "桂花雨"], ["五年级", "少年中国说"], ["六年级", "匆匆"],
    ["六年级", "北京的春节"], ["七年级", "春"], ["七年级", "济南的冬天"], ["七年级", "秋天的怀念"],
    ["七年级", "陋室铭"], ["八年级", "背影"], ["八年级", "桃花源记"], ["八年级", "藤野先生"],
    ["八年级", "岳阳楼记"], ["九年级", "故乡"], ["九年级", "沁园春·雪"], ["九年级", "醉翁亭记"],
  ],
  数学: [
    ["一年级", "认识钟表"], ["二年级", "表内乘法"], ["三年级", "分数的初步认识"],
    ["三年级", "长方形和正方形的周长"], ["四年级", "平行四边形和梯形"], ["四年级", "鸡兔同笼"],
    ["五年级", "平行四边形的面积"], ["五年级", "小数除法"], ["六年级", "圆的面积"],
    ["六年级", "百分数的应用"], ["六年级", "比例的意义"], ["七年级", "有理数的加法"],
    ["七年级", "一元一次方程"], ["七年级", "相交线与平行线"], ["八年级", "勾股定理"],
    ["八年级", "全等三角形"], ["八年级", "一次函数"], ["九年级", "二次函数的图像与性质"],
    ["九年级", "圆周角"], ["九年级", "相似三角形"],
  ],
  英语: [
    ["三年级", "Unit 1 Hello!"], ["四年级", "Unit 3 My Friends"], ["五年级", "Unit 2 My Week"],
    ["五年级", "Unit 6 In a Nature Park"], ["六年级", "Unit 4 I have a pen pal"],
    ["七年级", "Unit 3 Is this your pencil?"], ["七年级", "Unit 5 Do you have a soccer ball?"],
    ["八年级", "Unit 4 What's the best movie theater?"], ["八年级", "Unit 7 Will people have robots?"],
    ["九年级", "Unit 5 What are the shirts made of?"],
  ],
  音乐: [["二年级", "小青蛙找家"], ["三年级", "茉莉花"], ["五年级", "让我们荡起双桨"], ["七年级", "歌唱祖国"], ["八年级", "彼得与狼"]],
  美术: [["三年级", "色彩的冷暖"], ["四年级", "线条的魅力"], ["五年级", "京剧脸谱"], ["七年级", "鸟语花香"]],
  体育: [["二年级", "立定跳远"], ["四年级", "前滚翻"], ["五年级", "50米快速跑"], ["七年级", "篮球行进间运球"], ["八年级", "排球正面双手垫球"]],
  科学: [["三年级", "空气占据空间吗"], ["三年级", "水结冰了"], ["四年级", "简单电路"], ["五年级", "光的传播"], ["五年级", "种子的萌发"], ["六年级", "杠杆的科学"]],
  物理: [["八年级", "光的反射"], ["八年级", "浮力"], ["九年级", "欧姆定律"]],
  化学: [["九年级", "燃烧和灭火"], ["九年级", "二氧化碳的实验室制取"]],
  生物: [["七年级", "植物细胞"], ["八年级", "人体的血液循环"]],
  道德与法治: [["三年级", "我们的学校"], ["五年级", "我们是班级的主人"], ["七年级", "珍爱生命"], ["八年级", "遵守规则"], ["九年级", "坚持改革开放"]],
  信息科技: [["三年级", "认识键盘"], ["五年级", "用图表呈现数据"], ["七年级", "走进人工智能"], ["八年级", "用编程解决问题"]],
  历史: [["七年级", "秦统一中国"], ["八年级", "辛亥革命"], ["九年级", "古代埃及"]],
  地理: [["七年级", "地球的运动"], ["八年级", "中国的地形"], ["八年级", "黄河的治理"]],
  综合: [["五年级", "劳动实践：种植小能手"], ["六年级", "研学旅行方案设计"]],
};

export const STAGE_OF_GRADE = (grade: string): string =>
  ["七年级", "八年级", "九年级"].includes(grade) ? "初中" : "小学";

export const GRADES = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"];

/** Paper and project topic prefixes and themes: "{prefix}{小学/初中}{subject}{theme}". */
export const TOPIC_PREFIXES = ["", "“双减”背景下", "核心素养视角下", "新课标理念下", "基于学习任务群的", "大概念统领下"];
export const TOPIC_THEMES = [
  "课堂提问的有效性研究", "作业设计的实践与思考", "大单元教学设计探究", "分层教学的实践研究",
  "学生核心素养培养策略", "信息技术与教学深度融合的实践", "小组合作学习的有效性探究",
  "课堂评价语言的运用研究", "错题资源的开发与利用", "情境教学的实践探索", "学困生转化策略研究",
  "跨学科主题学习的设计与实施", "课堂教学中的差异化指导", "学习习惯培养的实践研究",
];
export const PAPER_STARTS = ["", "浅谈", "谈", "试论"];

export const DISCUSSION_TOPICS = [
  "新课标学习交流", "单元作业设计研讨", "期中质量分析", "听评课：同课异构", "大单元教学设计研讨",
  "课堂观察量表的使用", "学困生辅导经验交流", "期末复习策略研讨", "教学常规检查反馈", "课题研究阶段交流",
  "“教—学—评”一致性研讨", "读书分享：《给教师的建议》",
];

export const CARE_CASES = [
  "用耐心点亮一盏灯——学困生转化案例", "走进孩子的内心——一名留守儿童的教育案例",
  "从“问题学生”到班级小助手", "家校携手，静待花开", "一次课堂冲突之后", "让沉默的孩子开口说话",
  "他终于交上了作业", "用欣赏的眼光看学生",
];

export const ADMIN_TOPICS = [
  "开学工作部署", "校本研修工作推进会", "期中教学质量分析会", "教学常规检查反馈会", "安全工作专题会",
  "学期工作总结会", "课后服务工作推进会", "师德师风建设专题会",
];

export const ETHICS_BOOKS = [
  "《教师职业道德养成》", "《中小学教师职业道德规范》", "《新时代中小学教师职业行为十项准则》",
  "《中小学教师违反职业道德行为处理办法》", "《教师法》",
];

export const BOOKS = ["《给教师的建议》", "《爱的教育》", "《教学勇气》", "《第56号教室的奇迹》", "《静悄悄的革命》", "《课程与教学的基本原理》"];

export const SCHOOL_NAMES = [
  "明德实验学校", "城南小学", "育才中学", "东关九年制学校", "实验小学", "第二中学", "滨河小学",
  "新华路小学", "青山中学", "文昌九年制学校", "红旗小学", "光明中学",
];
